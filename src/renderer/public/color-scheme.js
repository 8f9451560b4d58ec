// Applies the saved or OS color scheme before first paint, so a dark desktop never flashes white. This is what
// Mantine's <ColorSchemeScript> does inline; the panel's CSP (script-src 'self') only runs script files.
try {
  var saved = window.localStorage.getItem('mantine-color-scheme-value');
  var scheme = saved === 'light' || saved === 'dark' ? saved
    : window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
} catch (e) {
  // No storage (privacy mode): Mantine sets the scheme itself once React mounts.
}
