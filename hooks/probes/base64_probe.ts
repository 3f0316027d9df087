// Test entry of tests/test_agent_base64.py: the agent's base64 encoder alone, on a plain host process.

import { base64Of } from "../src/base64.js";

rpc.exports = {
  encode(hex: string): string {
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    }
    return base64Of(bytes);
  },
};
