import { Modal } from '@mantine/core';
import { CreateOrgForm } from './CreateOrgForm.tsx';

export function CreateOrgDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New organization" centered>
      <CreateOrgForm onCreated={onClose} />
    </Modal>
  );
}
