import type { FormInstance } from 'element-plus';
import { ref, type Ref } from 'vue';
import { useFieldErrors } from './useApiErrors.js';

export interface FormDialogOptions<Field extends string> {
  /** The dialog's v-model: submit closes the dialog by setting it to false. */
  open: Ref<boolean>;
  /** Template ref of the dialog's el-form. */
  formRef: Ref<FormInstance | undefined>;
  /** Form fields that a server error may name; an error on another field shows as a message. */
  fields: readonly Field[];
  /**
   * Sends the validated form and emits the result. Returning false keeps the
   * dialog open, for a dialog that shows the result itself or has nothing to send.
   */
  submit: () => Promise<void | false>;
  /**
   * Closing keeps the values and only clears the validation messages. Set it on
   * edit dialogs, which fill the form from their item each time they open.
   * Otherwise closing restores the values the form had when it was mounted.
   */
  keepValuesOnClose?: boolean;
  /** Runs after the form is reset on close, for values that resetFields does not restore. */
  afterClose?: () => void;
}

/**
 * Validates and submits an el-form in an el-dialog. Bind `onSubmit` to the
 * submit button, `onClosed` to the dialog's `closed` event, `submitting` to
 * the buttons, and `fieldErrors[name]` to the `error` prop of each el-form-item. A server error that names a field shows
 * at that field, and any other error shows as a message.
 */
export function useFormDialog<Field extends string>(options: FormDialogOptions<Field>) {
  const { formRef } = options;
  const submitting = ref(false);
  const { fieldErrors, clearFieldErrors, reportError } = useFieldErrors(options.fields);

  async function onSubmit(): Promise<void> {
    clearFieldErrors();
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return;

    submitting.value = true;
    try {
      if ((await options.submit()) !== false) options.open.value = false;
    } catch (error) {
      reportError(error);
    } finally {
      submitting.value = false;
    }
  }

  function onClosed(): void {
    if (options.keepValuesOnClose) formRef.value?.clearValidate();
    else formRef.value?.resetFields();
    options.afterClose?.();
    clearFieldErrors();
  }

  return { submitting, fieldErrors, clearFieldErrors, reportError, onSubmit, onClosed };
}
