import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import type { Member } from '@/lib/auth/session';
import { useChangePassword } from '../api/change-password';
import { formErrorsFrom, type FieldErrors } from '../server-errors';
import { checkNewPassword, checkPasswordConfirmation } from '../validation';
import '@/components/ui/field.css';
import '../members.css';

type Values = { current_password: string; new_password: string; new_password_confirmation: string };
type Name = keyof Values;

const EMPTY: Values = { current_password: '', new_password: '', new_password_confirmation: '' };

function checkField(name: Name, values: Values, username: string): string | undefined {
  switch (name) {
    case 'current_password':
      return values.current_password === '' ? '请输入当前密码' : undefined;
    case 'new_password':
      return checkNewPassword(values.new_password, username);
    case 'new_password_confirmation':
      return checkPasswordConfirmation(values.new_password_confirmation, values.new_password);
  }
}

/**
 * 修改密码. The server ends every session when the password changes; this one carries on, signed in
 * again with the new password, while other devices must sign in anew.
 */
export function PasswordForm({ member }: { member: Member }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [changed, setChanged] = useState(false);
  const changePassword = useChangePassword();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();

  const change = (name: Name) => (value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    setChanged(false);
    if (errors[name] !== undefined) {
      setErrors({ ...errors, [name]: checkField(name, next, member.username) });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (changePassword.isPending) {
      return;
    }
    const found: FieldErrors = {};
    for (const name of Object.keys(EMPTY) as Name[]) {
      const message = checkField(name, values, member.username);
      if (message !== undefined) found[name] = message;
    }
    setErrors(found);
    setGeneral([]);
    setChanged(false);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }
    changePassword.mutate(
      { username: member.username, current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setChanged(true);
        },
        onError: (error) => {
          const refused = formErrorsFrom(error, Object.keys(EMPTY));
          setErrors(refused.fields);
          setGeneral(refused.general);
          focusFirstInvalid();
        },
      },
    );
  };

  const field = (name: Name) => ({
    name,
    value: values[name],
    onChange: change(name),
    error: errors[name],
    type: 'password' as const,
    required: true,
  });

  return (
    <form ref={formRef} className="member-form" noValidate onSubmit={submit} aria-label="修改密码">
      {changed && (
        <p className="form-success" role="status">
          密码已修改。其他设备上的登录已全部退出，需用新密码重新登录。
        </p>
      )}
      <FormAlert messages={general} />
      <TextField {...field('current_password')} label="当前密码" autoComplete="current-password" />
      <TextField
        {...field('new_password')}
        label="新密码"
        autoComplete="new-password"
        hint="至少 8 个字符，不能与用户名相同，不要用常见密码"
      />
      <TextField {...field('new_password_confirmation')} label="确认新密码" autoComplete="new-password" />
      <div className="form-actions">
        <button type="submit" className="button button--primary" aria-disabled={changePassword.isPending || undefined}>
          {changePassword.isPending ? '正在修改…' : '修改密码'}
        </button>
      </div>
    </form>
  );
}
