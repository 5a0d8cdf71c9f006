import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.tsx';
import { AppBoundary } from './components/ErrorBoundary.tsx';
import { parseBoardUrl } from './config/url.ts';
import './styles/index.css';

// Cache notifications flush in a microtask rather than a 0 ms timer: a WebSocket update is then rendered and
// committed in the same task that received it, instead of after whatever frame the browser paints in between.
notifyManager.setScheduler(queueMicrotask);

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: Infinity } },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppBoundary>
      <QueryClientProvider client={queryClient}>
        <App settings={parseBoardUrl(window.location.search)} browserLanguages={navigator.languages ?? [navigator.language]} />
      </QueryClientProvider>
    </AppBoundary>
  </StrictMode>,
);
