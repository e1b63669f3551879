/**
 * The renderer's entry: connect the one API client (Electron bridge or browser-mode WebSocket),
 * hand it to the stores, mount the app.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { connectApi } from './api/connect';
import { provideApiClient } from './api/instance';
import './styles/theme.css';
import './styles/base.css';

const client = connectApi();
provideApiClient(client);

createApp(App).use(createPinia()).mount('#app');
