import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

// Hash history: the app is served from files by Tauri, there is no server to rewrite paths.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/home/index.vue'), meta: { title: '首页' } },
  {
    path: '/workers',
    name: 'workers',
    component: () => import('./views/workers/index.vue'),
    meta: { title: '人员台账' },
  },
  {
    path: '/workers/:id(\\d+)',
    name: 'worker',
    component: () => import('./views/workers/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: '人员详情', menu: '/workers' },
  },
  {
    path: '/secondments',
    name: 'secondments',
    component: () => import('./views/secondments/index.vue'),
    meta: { title: '借调登记' },
  },
  {
    path: '/communities',
    name: 'communities',
    component: () => import('./views/communities/index.vue'),
    meta: { title: '社区' },
  },
  {
    path: '/training',
    name: 'training',
    component: () => import('./views/training/index.vue'),
    meta: { title: '培训' },
  },
  {
    path: '/training/classes/:id(\\d+)',
    name: 'training-class',
    component: () => import('./views/training/class-detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: '培训班次', menu: '/training' },
  },
  {
    path: '/care',
    name: 'care',
    component: () => import('./views/care/index.vue'),
    meta: { title: '关爱' },
  },
  {
    path: '/grades',
    name: 'grades',
    component: () => import('./views/grades/index.vue'),
    meta: { title: '岗位等级' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./views/reports/index.vue'),
    meta: { title: '报表' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/settings/index.vue'),
    meta: { title: '设置' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
