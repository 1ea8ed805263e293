import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge';
import { loadPreferences } from './ui/preferences';
import './ui/workbench.css';

const root = createRoot(document.getElementById('root')!);
connectBridge().then(
  async (bridge) => {
    await loadPreferences(bridge);
    root.render(
      <StrictMode>
        <App bridge={bridge} />
      </StrictMode>,
    );
  },
  (error: unknown) => root.render(<p className="fatal">Cannot reach the Anvil core: {(error as Error).message}</p>),
);
