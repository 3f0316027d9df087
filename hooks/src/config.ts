// The run's settings, posted by the harness right after it loads the agent and before the app
// runs (harness/instrument.py, Instrumentation.attach). One message; each part has its listener.

export interface AgentConfig {
  readonly clipboard?: unknown;
  readonly native_tls?: unknown;
}

const listeners: ((config: AgentConfig) => void)[] = [];

export function onConfig(listener: (config: AgentConfig) => void): void {
  listeners.push(listener);
}

recv("config", (message: AgentConfig) => {
  for (const listener of listeners) {
    listener(message);
  }
});
