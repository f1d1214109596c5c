import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Carrier } from '../../../api/types.js';
import { FORMAT_LABELS } from './access.js';

/** The URL to give the carrier, with a copy button, and the format it must post. */
export function WebhookUrl(props: { carrier: Carrier }) {
  const { carrier } = props;
  return (
    <Stack gap={4} mb="md">
      <Text size="sm" fw={500}>
        Webhook URL
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label={`Webhook URL of ${carrier.code}`}>
          {carrier.webhookUrl}
        </Code>
        <CopyButton value={carrier.webhookUrl} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={copied ? 'Copied' : 'Copy webhook URL'}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        Payload format: {FORMAT_LABELS[carrier.webhookFormat]}, signed with the carrier's webhook secret.
      </Text>
    </Stack>
  );
}
