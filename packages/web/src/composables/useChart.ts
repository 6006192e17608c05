import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';

/** Chart types and components a page registers, e.g. [BarChart, GridComponent, TooltipComponent]. */
export type ChartParts = Parameters<typeof use>[0];

// Only the canvas renderer is registered here. Each page registers the
// chart types and components it draws, so the bundle carries only those.
use([CanvasRenderer]);

/**
 * Binds an ECharts instance to an element: registers the given parts,
 * creates the chart on mount in the console language, resizes it with its
 * container and disposes it on unmount. A language switch recreates the
 * chart, because ECharts fixes its locale at init.
 */
export function useChart(element: Ref<HTMLElement | null>, parts: ChartParts = []) {
  use(parts);

  const { locale } = useI18n();
  const chart = shallowRef<EChartsType | null>(null);
  let lastOption: EChartsCoreOption | null = null;
  let observer: ResizeObserver | null = null;

  function create(): void {
    if (!element.value) return;
    chart.value = init(element.value, undefined, { locale: locale.value === 'zh-CN' ? 'ZH' : 'EN' });
    if (lastOption) chart.value.setOption(lastOption);
  }

  function dispose(): void {
    chart.value?.dispose();
    chart.value = null;
  }

  function setOption(option: EChartsCoreOption): void {
    lastOption = option;
    chart.value?.setOption(option, { notMerge: true });
  }

  onMounted(() => {
    create();
    if (element.value) {
      observer = new ResizeObserver(() => chart.value?.resize());
      observer.observe(element.value);
    }
  });

  watch(locale, () => {
    dispose();
    create();
  });

  onBeforeUnmount(() => {
    observer?.disconnect();
    dispose();
  });

  return { chart, setOption };
}
