import { useEffect, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import type { Member } from '@/lib/auth/session';
import { useUpdateProfile, type ProfileChanges } from '../api/update-profile';
import { EDIT_FIELDS, PROFILE_FIELDS, type FieldUse, type ProfileField } from '../fields';
import { formErrorsFrom, type FieldErrors } from '../server-errors';
import { normaliseCreditCode } from '../validation';
import '@/components/ui/field.css';
import '../members.css';

type Values = Partial<Record<ProfileField, string>>;

function valueOf(name: ProfileField, raw: string): string {
  return name === 'credit_code' ? normaliseCreditCode(raw) : raw.trim();
}

/** Fields the API cannot clear (they are required, or the display name): never sent as `null`. */
const NOT_CLEARABLE = new Set<ProfileField>(['display_name', 'company_name', 'credit_code', 'contact_person', 'contact_phone']);

/** Only what changed: a cleared optional field is sent as `null`, which the API takes as "remove". */
function changesFrom(member: Member, fields: FieldUse[], values: Values): ProfileChanges {
  const changes: Record<string, string | null> = {};
  for (const { name } of fields) {
    const now = valueOf(name, values[name] ?? '');
    if (now !== (member[name] ?? '')) {
      if (now === '' && NOT_CLEARABLE.has(name)) {
        continue;
      }
      changes[name] = now === '' ? null : now;
    }
  }
  return changes as ProfileChanges;
}

type ProfileFormProps = {
  member: Member;
  /** Back to the profile view; `changed` when something was saved. */
  onDone: (changed: boolean) => void;
};

/** The member's own fields (those of their kind) to change; sends only what changed. */
export function ProfileForm({ member, onDone }: ProfileFormProps) {
  const fields = EDIT_FIELDS[member.kind];
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(fields.map(({ name }) => [name, member[name] ?? ''])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const update = useUpdateProfile();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();

  // Opened by 修改资料: the cursor starts in the first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [formRef]);

  const check = (use: FieldUse, raw: string) => PROFILE_FIELDS[use.name].check(raw, use.required);

  const change = (use: FieldUse) => (value: string) => {
    setValues({ ...values, [use.name]: value });
    if (errors[use.name] !== undefined) {
      setErrors({ ...errors, [use.name]: check(use, value) });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) {
      return;
    }
    const found: FieldErrors = {};
    for (const use of fields) {
      const message = check(use, values[use.name] ?? '');
      if (message !== undefined) found[use.name] = message;
    }
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }
    const changes = changesFrom(member, fields, values);
    if (Object.keys(changes).length === 0) {
      onDone(false);
      return;
    }
    update.mutate(changes, {
      onSuccess: () => onDone(true),
      onError: (error) => {
        const refused = formErrorsFrom(
          error,
          fields.map(({ name }) => name),
        );
        setErrors(refused.fields);
        setGeneral(refused.general);
        focusFirstInvalid();
      },
    });
  };

  return (
    <form ref={formRef} className="member-form" noValidate onSubmit={submit} aria-label="修改会员资料">
      <p className="member-form__legend-note">
        带 <span className="required-mark">*</span> 的为必填项；清空选填项即删除该项。
      </p>
      <FormAlert messages={general} />
      {fields.map((use) => {
        const spec = PROFILE_FIELDS[use.name];
        return (
          <TextField
            key={use.name}
            name={use.name}
            label={spec.label}
            value={values[use.name] ?? ''}
            onChange={change(use)}
            error={errors[use.name]}
            required={use.required}
            type={spec.type}
            autoComplete={spec.autoComplete}
            multiline={spec.multiline}
            hint={spec.hint}
          />
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button button--primary" aria-disabled={update.isPending || undefined}>
          {update.isPending ? '正在保存…' : '保存资料'}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          取消
        </button>
      </div>
    </form>
  );
}
