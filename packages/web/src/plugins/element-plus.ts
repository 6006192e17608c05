/**
 * Registers the Element Plus components that the layouts and most pages use,
 * with their styles. Heavier components used by a few pages (table, tree,
 * tree select, date picker, dialog, select) are imported by those pages with
 * their styles, so they load with the page's chunk and not at start.
 * A component added here needs its import, its style import, an entry in
 * `components` and one in GlobalComponents, which types it in templates.
 */
import {
  ElAlert,
  ElAside,
  ElBreadcrumb,
  ElBreadcrumbItem,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElContainer,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElLoading,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElScrollbar,
  ElTag,
} from 'element-plus';
import type { App, Component } from 'vue';

import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/aside/style/css';
import 'element-plus/es/components/breadcrumb/style/css';
import 'element-plus/es/components/breadcrumb-item/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/card/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/container/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/dropdown/style/css';
import 'element-plus/es/components/dropdown-item/style/css';
import 'element-plus/es/components/dropdown-menu/style/css';
import 'element-plus/es/components/empty/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/icon/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/main/style/css';
import 'element-plus/es/components/menu/style/css';
import 'element-plus/es/components/menu-item/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/scrollbar/style/css';
import 'element-plus/es/components/tag/style/css';

const components: Record<string, Component> = {
  ElAlert,
  ElAside,
  ElBreadcrumb,
  ElBreadcrumbItem,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElContainer,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElScrollbar,
  ElTag,
};

declare module 'vue' {
  interface GlobalComponents {
    ElAlert: typeof ElAlert;
    ElAside: typeof ElAside;
    ElBreadcrumb: typeof ElBreadcrumb;
    ElBreadcrumbItem: typeof ElBreadcrumbItem;
    ElButton: typeof ElButton;
    ElCard: typeof ElCard;
    ElConfigProvider: typeof ElConfigProvider;
    ElContainer: typeof ElContainer;
    ElDrawer: typeof ElDrawer;
    ElDropdown: typeof ElDropdown;
    ElDropdownItem: typeof ElDropdownItem;
    ElDropdownMenu: typeof ElDropdownMenu;
    ElEmpty: typeof ElEmpty;
    ElForm: typeof ElForm;
    ElFormItem: typeof ElFormItem;
    ElIcon: typeof ElIcon;
    ElInput: typeof ElInput;
    ElMain: typeof ElMain;
    ElMenu: typeof ElMenu;
    ElMenuItem: typeof ElMenuItem;
    ElScrollbar: typeof ElScrollbar;
    ElTag: typeof ElTag;
  }
  interface GlobalDirectives {
    vLoading: typeof ElLoading.directive;
  }
}

export function installElementPlus(app: App): void {
  for (const [name, component] of Object.entries(components)) {
    app.component(name, component);
  }
  app.use(ElLoading);
}
