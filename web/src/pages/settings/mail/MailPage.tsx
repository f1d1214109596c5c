import { Group } from '@mantine/core';
import { useState } from 'react';
import { mailApi } from '../../../api/endpoints.js';
import { MAIL_STATES, type MailState } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StateFilter } from '../../../components/StateFilter.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { MailDetailDrawer } from './MailDetailDrawer.js';
import { MailRow } from './MailRow.js';

const COLUMNS = ['Subject', 'To', 'State', 'Attempts', 'Created', 'Sent'];

export function MailPage() {
  const [state, setState] = useState<MailState | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useCursorList(['mail', 'list', state], (page) => mailApi.list({ state, ...page }));

  return (
    <>
      <PageHeader
        title="Mail log"
        description="Every email Duely sent or tried to send. Held messages are waiting because no mail server is configured. Open a message to see its delivery events."
      />
      <PagedTable
        list={list}
        label="Mail messages"
        minWidth={900}
        columns={COLUMNS}
        empty={state ? `No ${state} messages.` : 'No mail yet.'}
        noun="message"
        toolbar={
          <Group mb="md">
            <StateFilter label="Mail state" states={MAIL_STATES} value={state} onChange={setState} />
          </Group>
        }
        row={(message) => <MailRow message={message} onOpen={() => setOpenId(message.id)} />}
      />
      <MailDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
