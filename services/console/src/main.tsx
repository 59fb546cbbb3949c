import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './app/App';
import { SessionProvider } from './auth/session-context';
import { SessionStore } from './auth/session-store';
import { initI18n } from './i18n/i18n';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

await initI18n();
const store = new SessionStore();
void store.start();

// Hash routing: the build is plain static files with relative asset URLs, so any static server (the gateway's
// included) can serve it under any path without a fallback rule for deep links.
createRoot(root).render(
  <StrictMode>
    <SessionProvider store={store}>
      <HashRouter>
        <App />
      </HashRouter>
    </SessionProvider>
  </StrictMode>,
);
