/**
 * The renderer's entry: connect the one API client (Electron bridge or browser-mode WebSocket),
 * hand it to the stores and to the graph/diff stores, mount the app.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { connectApi } from './api/connect';
import { provideApiClient } from './api/instance';
import { installInspectorClient } from './graph/inspector-client';
import './styles/theme.css';
import './styles/base.css';

const client = connectApi();
provideApiClient(client);
// The graph and diff stores share this connection instead of opening their own.
installInspectorClient(client);

createApp(App).use(createPinia()).mount('#app');
