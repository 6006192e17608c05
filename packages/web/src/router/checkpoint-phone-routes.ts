import type { RouteRecordRaw } from 'vue-router';

/**
 * Checkpoint phone pages under /m/checkpoint. They are public to the router:
 * an enrolled phone authenticates with its device key, not a staff session.
 */
export const checkpointPhoneRoutes: RouteRecordRaw[] = [
  {
    path: 'checkpoint',
    name: 'mobile-checkpoint',
    component: () => import('../views/mobile/checkpoint/CheckpointHome.vue'),
    meta: { public: true, titleKey: 'layout.menu.checkpoints' },
  },
];
