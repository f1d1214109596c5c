import { Anchor, Table, Text } from '@mantine/core';
import type { MailMessage } from '../../../api/types.js';
import { StateBadge } from '../../../components/Badges.js';
import { formatDateTime } from '../../../lib/format.js';

export function MailRow(props: { message: MailMessage; onOpen: () => void }) {
  const { message } = props;
  return (
    <Table.Tr onClick={props.onOpen} style={{ cursor: 'pointer' }}>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={(e: React.MouseEvent) => {
            e.stopPropagation();
            props.onOpen();
          }}
        >
          {message.subject}
        </Anchor>
        {message.lastError ? (
          <Text size="xs" c="red" lineClamp={1}>
            {message.lastError}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{message.to.join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <StateBadge state={message.state} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{message.attempts}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(message.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(message.sentAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
