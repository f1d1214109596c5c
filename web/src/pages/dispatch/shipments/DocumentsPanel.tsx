import { Button, Group, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import type { Shipment, ShipmentDocument } from '../../../api/types.js';
import { formatDateTime } from '../../../lib/format.js';
import { PdfPreview } from '../../invoices/PdfPreview.js';
import { DOCUMENT_LABELS } from './badges.js';

const isPdf = (d: ShipmentDocument) => d.contentType.startsWith('application/pdf');
const downloadUrl = (d: ShipmentDocument) => `${d.url}${d.url.includes('?') ? '&' : '?'}download=1`;

/**
 * The shipment's archived documents (pick list at creation, packing list at packing, labels in PDF and
 * ZPL and the bill of lading at shipping): open a PDF in a new tab to print it, preview it here, or
 * download any document (ZPL goes to the label printer as is).
 */
export function DocumentsPanel(props: { shipment: Shipment }) {
  const { shipment } = props;
  const [preview, setPreview] = useState<ShipmentDocument | null>(null);
  const packageOf = new Map(shipment.packages.map((p) => [p.id, p.sequence]));
  const name = (d: ShipmentDocument) =>
    `${DOCUMENT_LABELS[d.kind]}${d.packageId ? ` — package ${packageOf.get(d.packageId) ?? '?'}` : ''}`;
  return (
    <Paper withBorder radius="md" p="md" aria-label="Documents">
      <Title order={5} mb="xs">
        Documents
      </Title>
      {shipment.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          No document yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" aria-label="Shipment documents">
            <Table.Tbody>
              {shipment.documents.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {name(d)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" title={`SHA-256 ${d.sha256}`}>
                      {d.filename} · {d.sha256.slice(0, 12)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(d.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {isPdf(d) ? (
                        <>
                          <Button
                            size="compact-sm"
                            variant="default"
                            leftSection={<IconEye size={14} />}
                            onClick={() => setPreview(d)}
                            aria-label={`Preview ${name(d)}`}
                          >
                            Preview
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="default"
                            component="a"
                            href={d.url}
                            target="_blank"
                            rel="noopener"
                            leftSection={<IconExternalLink size={14} />}
                            aria-label={`Print ${name(d)}`}
                          >
                            Print
                          </Button>
                        </>
                      ) : null}
                      <Button
                        size="compact-sm"
                        variant="default"
                        component="a"
                        href={downloadUrl(d)}
                        download={d.filename}
                        leftSection={<IconDownload size={14} />}
                        aria-label={`Download ${name(d)}`}
                      >
                        Download
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {preview ? (
        <Modal opened onClose={() => setPreview(null)} title={name(preview)} size="xl">
          <PdfPreview url={preview.url} title={name(preview)} />
        </Modal>
      ) : null}
    </Paper>
  );
}
