import { Anchor, Group, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { mailApi } from '../../../api/endpoints.js';
import { MAIL_STATES, type MailState } from '../../../api/types.js';
import { StateBadge } from '../../../components/Badges.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RequireArea } from '../../../components/RequireArea.js';
import { StateFilter } from '../../../components/StateFilter.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { MailDetailDrawer } from './MailDetailDrawer.js';

export function MailPage() {
  return (
    <RequireArea area="mail">
      <MailLog />
    </RequireArea>
  );
}

function MailLog() {
  const [state, setState] = useState<MailState | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useCursorList(['mail', 'list', state], (page) => mailApi.list({ state, ...page }));

  return (
    <>
      <PageHeader
        title="Mail log"
        description="Every email Duely sent or tried to send. Held messages are waiting because no mail server is configured. Open a message to see its delivery events."
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md">
          <StateFilter label="Mail state" states={MAIL_STATES} value={state} onChange={setState} />
        </Group>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="Mail messages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Sent</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.length === 0 ? (
                  <TableStatus
                    colSpan={6}
                    loading={list.isPending}
                    empty={state ? `No ${state} messages.` : 'No mail yet.'}
                  />
                ) : (
                  list.items.map((message) => (
                    <Table.Tr
                      key={message.id}
                      onClick={() => setOpenId(message.id)}
                      style={{ cursor: 'pointer' }}
                    >
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={(e: React.MouseEvent) => {
                            e.stopPropagation();
                            setOpenId(message.id);
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
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ListFooter
          count={list.items.length}
          noun="message"
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Paper>
      <MailDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
