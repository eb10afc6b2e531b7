// n8n's own lint rules for community nodes, as its verification scanner runs them.
import { config } from '@n8n/node-cli/eslint';

export default config;
