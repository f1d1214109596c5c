import { Alert, Center, Loader, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';

/**
 * Renders a PDF from the API into canvases with pdf.js (loaded on demand). The server forbids framing
 * its responses (`frame-ancestors 'none'`), so the document is fetched and drawn instead of embedded.
 */
export function PdfPreview(props: { url: string; title: string; maxPages?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');

  useEffect(() => {
    let cancelled = false;
    const abort = new AbortController();
    setState('loading');
    (async () => {
      const response = await fetch(props.url, { credentials: 'same-origin', signal: abort.signal });
      if (!response.ok) throw new ApiError(response.status, { detail: `The PDF could not be loaded.` });
      const data = new Uint8Array(await response.arrayBuffer());
      const [pdfjs, worker] = await Promise.all([
        import('pdfjs-dist'),
        import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
      ]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      const doc = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
      const target = container.current;
      if (cancelled || !target) return;
      target.replaceChildren();
      const width = target.clientWidth || 600;
      const pages = Math.min(doc.numPages, props.maxPages ?? 5);
      for (let n = 1; n <= pages; n++) {
        const page = await doc.getPage(n);
        if (cancelled) return;
        const base = page.getViewport({ scale: 1 });
        const scale = width / base.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = '100%';
        canvas.style.border = '1px solid var(--mantine-color-gray-3)';
        canvas.style.borderRadius = '4px';
        canvas.style.background = 'white';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `${props.title}, page ${n} of ${doc.numPages}`);
        target.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) setState('ready');
    })().catch((error: unknown) => {
      if (cancelled) return;
      setState({ error: error instanceof Error ? error.message : 'The PDF could not be shown.' });
    });
    return () => {
      cancelled = true;
      abort.abort();
    };
  }, [props.url, props.title, props.maxPages]);

  return (
    <Stack gap="xs">
      {state === 'loading' ? (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading PDF" />
        </Center>
      ) : null}
      {typeof state === 'object' ? (
        <Alert color="red" role="alert">
          {state.error}
        </Alert>
      ) : null}
      <Stack gap="sm" ref={container} data-testid="pdf-preview" />
    </Stack>
  );
}
