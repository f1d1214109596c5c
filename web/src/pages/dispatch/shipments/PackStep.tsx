import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode, IconPackage, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { productsApi, shipmentsApi } from '../../../api/endpoints.js';
import { PACKAGING_TYPES, type Shipment } from '../../../api/types.js';
import { formError } from '../../../lib/fieldErrors.js';
import { pathErrors } from '../../customers/formErrors.js';
import { below } from '../../orders/orderDraft.js';
import { formatKg } from './badges.js';
import { applyScan, gtinKey, newPackage, type PackageDraft, packedOf, packInput } from './packDraft.js';

const PACKAGING_OPTIONS = PACKAGING_TYPES.map((p) => ({
  value: p,
  label: p.charAt(0).toUpperCase() + p.slice(1),
}));

/**
 * Packing a picked shipment: scan or type SKUs or GTINs into the current package (each scan adds one
 * unit, "3*SKU" adds three), add packages with their weight and size, then pack — every unit must be
 * in exactly one package; the server gives each package its SSCC and archives the packing list.
 */
export function PackStep(props: { shipment: Shipment; onDone: (shipment: Shipment) => void }) {
  const { shipment } = props;
  const queryClient = useQueryClient();
  const [packages, setPackages] = useState<PackageDraft[]>(() => [newPackage()]);
  const [currentKey, setCurrentKey] = useState(() => packages[0]?.key ?? 0);
  const [scan, setScan] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);

  const productIds = [...new Set(shipment.lines.map((l) => l.productId))];
  const products = useQueries({
    queries: productIds.map((id) => ({
      queryKey: ['products', 'detail', id],
      queryFn: () => productsApi.get(id),
      staleTime: 60_000,
    })),
  });
  const gtins = new Map<string, string>();
  const weights = new Map<string, number>();
  for (const p of products) {
    if (!p.data) continue;
    const key = p.data.gtin ? gtinKey(p.data.gtin) : null;
    if (key) gtins.set(p.data.id, key);
    if (p.data.weightGrams !== null) weights.set(p.data.id, p.data.weightGrams);
  }
  const current = packages.find((p) => p.key === currentKey) ?? packages[0];
  const currentIndex = packages.findIndex((p) => p.key === current?.key);

  const pack = useMutation({
    mutationFn: () => shipmentsApi.pack(shipment.id, packInput(packages)),
    onSuccess: (packed) => {
      queryClient.setQueryData(['shipments', 'detail', packed.id], packed);
      void queryClient.invalidateQueries({ queryKey: ['shipments', 'list'] });
      notifications.show({
        color: 'teal',
        title: `${packed.number} packed`,
        message: `${packed.packages.length} ${packed.packages.length === 1 ? 'package' : 'packages'} with SSCC; the packing list is ready.`,
      });
      props.onDone(packed);
    },
  });
  const errors = pathErrors(pack.error);

  function submitScan() {
    if (!current) return;
    const result = applyScan(scan, shipment, gtins, packages, current.key);
    if (result.ok) {
      setPackages(result.packages);
      const packed = packedOf(result.packages, result.line.id);
      setMessage({
        ok: true,
        text: `+${result.quantity} ${result.line.sku} in package ${currentIndex + 1} (${packed} of ${result.line.quantity} packed)`,
      });
    } else setMessage({ ok: false, text: result.message });
    setScan('');
    scanRef.current?.focus();
  }

  const update = (key: number, change: Partial<PackageDraft>) =>
    setPackages((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  const setUnits = (lineId: string, text: string) => {
    if (!current) return;
    const n = /^\d+$/.test(text) ? Number(text) : 0;
    update(current.key, { contents: { ...current.contents, [lineId]: n } });
  };
  const goodsWeight = (p: PackageDraft) =>
    shipment.lines.reduce((g, l) => g + (weights.get(l.productId) ?? 0) * (p.contents[l.id] ?? 0), 0);
  const allPacked = shipment.lines.every((l) => packedOf(packages, l.id) === l.quantity);
  const nothingScanned = packages.length === 1 && shipment.lines.every((l) => packedOf(packages, l.id) === 0);

  return (
    <Paper withBorder radius="md" p="md" aria-label="Pack">
      <Title order={4} mb="sm">
        Pack
      </Title>
      <Stack>
        {pack.error ? (
          <Alert color="red" role="alert">
            {errors.packages ?? formError(pack.error, ['packages'])}
          </Alert>
        ) : null}
        <Group align="flex-end" gap="sm">
          <TextInput
            ref={scanRef}
            label="Scan or type SKU / GTIN"
            description={`Adds to package ${currentIndex + 1}; "3*SKU" adds three`}
            leftSection={<IconBarcode size={16} />}
            value={scan}
            onChange={(e) => setScan(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submitScan();
              }
            }}
            autoFocus
            w={360}
          />
          <Button variant="default" onClick={submitScan}>
            Add
          </Button>
          {message ? (
            <Text size="sm" c={message.ok ? 'teal.8' : 'red.8'} role="status" mb={6}>
              {message.text}
            </Text>
          ) : null}
        </Group>

        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Units to pack" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>SKU</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">To ship</Table.Th>
                <Table.Th ta="right">Packed</Table.Th>
                <Table.Th w={170}>In package {currentIndex + 1}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shipment.lines.map((l) => {
                const packed = packedOf(packages, l.id);
                return (
                  <Table.Tr key={l.id}>
                    <Table.Td ff="monospace">{l.sku}</Table.Td>
                    <Table.Td>{l.description}</Table.Td>
                    <Table.Td ta="right">
                      {l.quantity} {l.unit}
                    </Table.Td>
                    <Table.Td ta="right" data-column="packed">
                      <Badge
                        variant="light"
                        color={packed === l.quantity ? 'teal' : packed > l.quantity ? 'red' : 'gray'}
                      >
                        {packed} / {l.quantity}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`${l.sku} units in package ${currentIndex + 1}`}
                        inputMode="numeric"
                        value={String(current?.contents[l.id] ?? 0)}
                        onChange={(e) => setUnits(l.id, e.currentTarget.value)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        <Radio.Group
          label="Packages"
          description="Choose the package you are filling; weigh and measure each one"
          value={String(current?.key ?? '')}
          onChange={(v) => setCurrentKey(Number(v))}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
            {packages.map((p, i) => {
              const e = below(errors, `packages.${i}`);
              const n = i + 1;
              const goods = goodsWeight(p);
              return (
                <Card key={p.key} withBorder padding="sm" aria-label={`Package ${n}`}>
                  <Group justify="space-between" mb="xs">
                    <Radio value={String(p.key)} label={`Package ${n}`} />
                    {packages.length > 1 ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove package ${n}`}
                        onClick={() => {
                          const rest = packages.filter((x) => x.key !== p.key);
                          setPackages(rest);
                          if (currentKey === p.key) setCurrentKey(rest[0]?.key ?? 0);
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    ) : null}
                  </Group>
                  <Grid gap="xs">
                    <Grid.Col span={6}>
                      <Select
                        label="Packaging"
                        aria-label={`Package ${n} packaging`}
                        data={PACKAGING_OPTIONS}
                        value={p.packaging}
                        onChange={(v) =>
                          update(p.key, { packaging: PACKAGING_TYPES.find((t) => t === v) ?? 'carton' })
                        }
                        allowDeselect={false}
                        error={e.packaging}
                      />
                    </Grid.Col>
                    <Grid.Col span={6}>
                      <TextInput
                        label="Weight (kg)"
                        aria-label={`Package ${n} weight (kg)`}
                        description={goods > 0 ? `Goods: ${formatKg(goods)}` : undefined}
                        inputMode="decimal"
                        required
                        value={p.weight}
                        onChange={(ev) => update(p.key, { weight: ev.currentTarget.value })}
                        error={e.weightGrams}
                      />
                    </Grid.Col>
                    {(['length', 'width', 'height'] as const).map((dim) => (
                      <Grid.Col span={4} key={dim}>
                        <TextInput
                          label={`${dim.charAt(0).toUpperCase()}${dim.slice(1)} (mm)`}
                          aria-label={`Package ${n} ${dim} (mm)`}
                          inputMode="numeric"
                          value={p[dim]}
                          onChange={(ev) => update(p.key, { [dim]: ev.currentTarget.value })}
                          error={e[`dimensionsMm.${dim}`] ?? (dim === 'height' ? e.dimensionsMm : undefined)}
                        />
                      </Grid.Col>
                    ))}
                  </Grid>
                  <Text
                    size="xs"
                    c={e.contents || Object.keys(e).some((k) => k.startsWith('contents')) ? 'red' : 'dimmed'}
                    mt={6}
                  >
                    {e.contents ??
                      Object.entries(e).find(([k]) => k.startsWith('contents'))?.[1] ??
                      (shipment.lines
                        .filter((l) => (p.contents[l.id] ?? 0) > 0)
                        .map((l) => `${p.contents[l.id]} × ${l.sku}`)
                        .join(', ') ||
                        (packages.length === 1
                          ? 'Empty: packs every unit when it is the only package'
                          : 'Empty'))}
                  </Text>
                </Card>
              );
            })}
          </SimpleGrid>
        </Radio.Group>
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              const added = newPackage();
              setPackages((list) => [...list, added]);
              setCurrentKey(added.key);
              scanRef.current?.focus();
            }}
          >
            Add package
          </Button>
          <Group gap="sm">
            {!allPacked && !nothingScanned ? (
              <Text size="sm" c="orange.8">
                Some units are not in a package yet.
              </Text>
            ) : null}
            <Button
              onClick={() => pack.mutate()}
              loading={pack.isPending}
              leftSection={<IconPackage size={16} />}
            >
              Pack {packages.length} {packages.length === 1 ? 'package' : 'packages'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
