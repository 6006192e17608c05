import { describe, expect, it } from 'vitest';
import { ROOT_NODE_CODE, nodeDisplayName, pathNamesForDisplay } from './jurisdiction.js';

describe('nodeDisplayName', () => {
  it('names the root by the locale message', () => {
    expect(nodeDisplayName({ code: ROOT_NODE_CODE, name: '全国' }, 'Nationwide')).toBe('Nationwide');
  });

  it('keeps the stored name of other nodes', () => {
    expect(nodeDisplayName({ code: '320508', name: '姑苏区' }, 'Nationwide')).toBe('姑苏区');
  });

  it('matches the root code exactly', () => {
    expect(nodeDisplayName({ code: 'cn', name: '全国' }, 'Nationwide')).toBe('全国');
  });
});

describe('pathNamesForDisplay', () => {
  it('renames the first name for a user on the root', () => {
    expect(pathNamesForDisplay(['全国', '江苏省', '苏州市'], ROOT_NODE_CODE, 'Nationwide')).toEqual(['Nationwide', '江苏省', '苏州市']);
  });

  it('keeps every name for a user below the root', () => {
    expect(pathNamesForDisplay(['姑苏区', '平江街道'], '320508', 'Nationwide')).toEqual(['姑苏区', '平江街道']);
  });

  it('keeps every name without a signed-in user', () => {
    expect(pathNamesForDisplay(['全国'], undefined, 'Nationwide')).toEqual(['全国']);
  });

  it('returns an empty path unchanged', () => {
    expect(pathNamesForDisplay([], ROOT_NODE_CODE, 'Nationwide')).toEqual([]);
  });

  it('leaves the input array as it was', () => {
    const input = ['全国', '江苏省'];
    pathNamesForDisplay(input, ROOT_NODE_CODE, 'Nationwide');
    expect(input).toEqual(['全国', '江苏省']);
  });
});
