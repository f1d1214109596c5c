import { Modal, PasswordInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../api/endpoints.js';
import { ModalForm } from '../components/ModalForm.js';
import { fieldErrors, formError } from '../lib/fieldErrors.js';

const MIN_LENGTH = 12;

export function ChangePasswordModal(props: { opened: boolean; onClose: () => void }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const mutation = useMutation({
    mutationFn: () => authApi.changePassword(currentPassword, newPassword),
    meta: { ignoreUnauthorized: true },
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        title: 'Password changed',
        message: 'Use your new password next time.',
      });
      close();
    },
  });

  function close() {
    setCurrent('');
    setNew('');
    setConfirm('');
    setTouched(false);
    mutation.reset();
    props.onClose();
  }

  const server = fieldErrors(mutation.error);
  const tooShort = newPassword.length > 0 && newPassword.length < MIN_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== newPassword;
  const valid = currentPassword.length > 0 && newPassword.length >= MIN_LENGTH && confirm === newPassword;

  return (
    <Modal opened={props.opened} onClose={close} title="Change password">
      <ModalForm
        message={
          mutation.error && !server.currentPassword && !server.newPassword
            ? formError(mutation.error, ['currentPassword', 'newPassword'])
            : null
        }
        submitLabel="Change password"
        submitting={mutation.isPending}
        onSubmit={() => {
          setTouched(true);
          if (valid) mutation.mutate();
        }}
        onCancel={close}
      >
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={
            server.currentPassword ?? (touched && !currentPassword ? 'Enter your current password' : null)
          }
          data-autofocus
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_LENGTH} characters.`}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={
            server.newPassword ??
            (tooShort || (touched && !newPassword) ? `Use at least ${MIN_LENGTH} characters` : null)
          }
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={mismatch ? 'Passwords do not match' : null}
        />
      </ModalForm>
    </Modal>
  );
}
