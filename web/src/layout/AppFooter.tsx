import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { metaApi } from '../api/endpoints.js';

/** Link to the API reference, then version, company time zone and base currency from `GET /api/meta`. */
export function AppFooter(props: { showApiDocs: boolean }) {
  const { data } = useQuery({
    queryKey: ['meta'],
    queryFn: metaApi.get,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Stack gap={2} px="sm" py="xs">
      {props.showApiDocs ? (
        <Anchor href="/api/docs" target="_blank" rel="noopener" size="xs">
          API documentation
        </Anchor>
      ) : null}
      {data ? (
        <Text size="xs" c="dimmed">
          Duely {data.version} · {data.timezone} · {data.baseCurrency}
        </Text>
      ) : null}
    </Stack>
  );
}
