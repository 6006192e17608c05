import { ElMessage } from 'element-plus';
import { createRouter, createWebHistory } from 'vue-router';
import { i18n } from '../locales/index.js';
import { installGuards, type NavigationNotice } from './guards.js';
import { routes } from './routes.js';

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

function showNavigationNotice(notice: NavigationNotice): void {
  const { t } = i18n.global;
  const message =
    notice.reason === 'notFound'
      ? t('layout.navigation.notFound', { path: notice.path })
      : t('layout.navigation.forbidden', {
          page: notice.titleKey ? t(notice.titleKey) : notice.path,
          role: t(`roles.${notice.role}`),
        });
  ElMessage({ type: 'warning', message, grouping: true });
}

installGuards(router, { notify: showNavigationNotice });
