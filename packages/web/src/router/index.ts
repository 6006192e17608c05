import { createRouter, createWebHistory } from 'vue-router';
import { installGuards } from './guards.js';
import { routes } from './routes.js';

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

installGuards(router);
