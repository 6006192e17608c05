import { ElMessage } from 'element-plus';
import { createApp } from 'vue';
import { configureRequest } from './api/request.js';
import App from './App.vue';
import { currentLocale, i18n } from './locales/index.js';
import { applyLibraryLocales } from './locales/libraries.js';
import { registerServiceWorker } from './offline/service-worker.js';
import { installElementPlus } from './plugins/element-plus.js';
import { router } from './router/index.js';
import { clearSession, getCsrfToken } from './stores/session.js';
import './styles/main.css';

configureRequest({
  getLocale: currentLocale,
  getCsrfToken,
  describeClientError: (code) => i18n.global.t(`common.errors.${code}`),

  // The session expired or was revoked: keep the page the user was on so
  // that signing in again brings them back to it.
  onUnauthorized: (error) => {
    clearSession();
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    ElMessage({ type: 'warning', message: error.message, grouping: true });
    void router.replace({ name: 'sign-in', query: { redirect: current.fullPath } });
  },

  onPasswordChangeRequired: () => {
    const current = router.currentRoute.value;
    if (current.name === 'change-password') return;
    void router.replace({ name: 'change-password', query: { redirect: current.fullPath } });
  },
});

applyLibraryLocales();

const app = createApp(App);
app.use(i18n);
app.use(router);
installElementPlus(app);
app.mount('#app');

// Production builds only: the Vite dev server serves no sw.js, and unit tests never load main.ts.
if (import.meta.env.PROD) registerServiceWorker(router);
