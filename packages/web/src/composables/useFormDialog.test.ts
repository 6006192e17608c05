import type { FormInstance } from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { ApiError } from '../api/request.js';
import { ElMessage } from 'element-plus';
import { useFormDialog } from './useFormDialog.js';

// Errors that no field takes show through ElMessage.
vi.mock('element-plus', () => ({ ElMessage: vi.fn() }));

/** Builds an el-form stand-in whose validation passes or fails as each test chooses. */
function fakeForm(valid: boolean) {
  return {
    validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject(new Error('invalid')))),
    resetFields: vi.fn(),
    clearValidate: vi.fn(),
  };
}

function setUp(options: { valid?: boolean; submit?: () => Promise<void | false>; keepValuesOnClose?: boolean } = {}) {
  const form = fakeForm(options.valid ?? true);
  const open = ref(true);
  const submit = vi.fn(options.submit ?? (() => Promise.resolve()));
  const afterClose = vi.fn();
  const dialog = useFormDialog({
    open,
    formRef: ref(form as unknown as FormInstance),
    fields: ['name'] as const,
    submit,
    afterClose,
    keepValuesOnClose: options.keepValuesOnClose,
  });
  return { form, open, submit, afterClose, dialog };
}

beforeEach(() => {
  vi.mocked(ElMessage).mockClear();
});

describe('useFormDialog onSubmit', () => {
  it('closes the dialog after a submit', async () => {
    const { open, submit, dialog } = setUp();
    await dialog.onSubmit();
    expect(submit).toHaveBeenCalledTimes(1);
    expect(open.value).toBe(false);
    expect(dialog.submitting.value).toBe(false);
  });

  it('sends nothing from an invalid form', async () => {
    const { open, submit, dialog } = setUp({ valid: false });
    await dialog.onSubmit();
    expect(submit).not.toHaveBeenCalled();
    expect(open.value).toBe(true);
  });

  it('stays open when submit returns false', async () => {
    const { open, dialog } = setUp({ submit: () => Promise.resolve(false) });
    await dialog.onSubmit();
    expect(open.value).toBe(true);
  });

  it('shows a server error at its field', async () => {
    const error = new ApiError({ code: 'NAME_TAKEN', status: 409, field: 'name', message: 'Name is taken' });
    const { open, dialog } = setUp({ submit: () => Promise.reject(error) });
    await dialog.onSubmit();
    expect(dialog.fieldErrors.name).toBe('Name is taken');
    expect(open.value).toBe(true);
    expect(ElMessage).not.toHaveBeenCalled();
  });

  it('shows an error on another field as a message', async () => {
    const error = new ApiError({ code: 'NODE_NOT_FOUND', status: 404, field: 'nodeCode', message: 'Not found' });
    const { dialog } = setUp({ submit: () => Promise.reject(error) });
    await dialog.onSubmit();
    expect(dialog.fieldErrors.name).toBeUndefined();
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: 'Not found' }));
  });

  it('clears the last field error on the next submit', async () => {
    const error = new ApiError({ code: 'NAME_TAKEN', status: 409, field: 'name', message: 'Name is taken' });
    let fail = true;
    const { dialog } = setUp({ submit: () => (fail ? Promise.reject(error) : Promise.resolve()) });
    await dialog.onSubmit();
    fail = false;
    await dialog.onSubmit();
    expect(dialog.fieldErrors.name).toBeUndefined();
  });
});

describe('useFormDialog onClosed', () => {
  it('resets the fields by default', () => {
    const { form, afterClose, dialog } = setUp();
    dialog.onClosed();
    expect(form.resetFields).toHaveBeenCalledTimes(1);
    expect(form.clearValidate).not.toHaveBeenCalled();
    expect(afterClose).toHaveBeenCalledTimes(1);
  });

  it('keeps the values of an edit dialog', () => {
    const { form, dialog } = setUp({ keepValuesOnClose: true });
    dialog.onClosed();
    expect(form.clearValidate).toHaveBeenCalledTimes(1);
    expect(form.resetFields).not.toHaveBeenCalled();
  });
});
