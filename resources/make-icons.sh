#!/bin/sh
# Regenerates the packaged icons from icon.svg and tray.svg. Needs ImageMagick (`convert`) and Node 22+.
#   icon.png (512), icon.icns (macOS, PNG entries 16–1024), icon.ico (Windows, 16–256),
#   tray.png (32, Linux/Windows tray), trayTemplate.png + trayTemplate@2x.png (macOS menu bar, black + alpha).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() { convert -background none -density "$3" "$1" -resize "$2x$2" -depth 8 "PNG32:$4"; }
for s in 16 32 48 64 128 256 512 1024; do render icon.svg "$s" 1536 "$tmp/icon_$s.png"; done
cp "$tmp/icon_512.png" icon.png
convert "$tmp/icon_16.png" "$tmp/icon_32.png" "$tmp/icon_48.png" "$tmp/icon_64.png" "$tmp/icon_128.png" "$tmp/icon_256.png" icon.ico
render icon.svg 32 384 tray.png
render tray.svg 16 96 trayTemplate.png
render tray.svg 32 192 trayTemplate@2x.png
node --input-type=module - "$tmp" <<'JS'
// ICNS: "icns" + total length, then (type, length incl. 8-byte header, PNG data) entries.
import { readFileSync, writeFileSync } from 'node:fs';
const dir = process.argv[2];
const entries = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
const parts = entries.map(([type, size]) => {
  const png = readFileSync(`${dir}/icon_${size}.png`);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const body = Buffer.concat(parts);
const head = Buffer.alloc(8);
head.write('icns', 0, 'ascii');
head.writeUInt32BE(body.length + 8, 4);
writeFileSync('icon.icns', Buffer.concat([head, body]));
JS
