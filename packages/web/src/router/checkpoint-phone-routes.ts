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
    meta: { public: true, titleKey: 'checkpointPhone.title' },
  },
  {
    // The enrolment token follows in the fragment (#token), which the browser never sends to the server.
    path: 'checkpoint/enrol',
    name: 'mobile-checkpoint-enrol',
    component: () => import('../views/mobile/checkpoint/CheckpointEnrol.vue'),
    meta: { public: true, titleKey: 'checkpointPhone.enrol.title' },
  },
];
