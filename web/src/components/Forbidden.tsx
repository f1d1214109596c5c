import { IconLock } from '@tabler/icons-react';
import { EmptyPanel } from './EmptyPanel.js';

export function Forbidden(props: { detail?: string | undefined }) {
  return (
    <EmptyPanel
      role="alert"
      icon={<IconLock size={28} />}
      color="red"
      title="You don't have permission"
      description={
        props.detail ??
        'Your roles do not allow access to this page. Ask an administrator if you need it for your work.'
      }
    />
  );
}
