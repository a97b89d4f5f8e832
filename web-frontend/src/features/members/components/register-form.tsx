import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { CaptchaField } from '@/components/ui/captcha-field';
import { TextField } from '@/components/ui/text-field';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import type { SessionResponse } from '@/lib/auth/session';
import { checkCaptchaAnswer, useCaptcha } from '@/lib/captcha/create-captcha';
import { useRegisterMember, type RegisterRequest } from '../api/register-member';
import { KIND_LABELS, PROFILE_FIELDS, REGISTRATION_FIELDS, type MemberKind } from '../fields';
import { formErrorsFrom, type FieldErrors } from '../server-errors';
import {
  checkNewPassword,
  checkPasswordConfirmation,
  checkUsername,
  normaliseCreditCode,
} from '../validation';
import '@/components/ui/field.css';
import '../members.css';

type Values = Record<string, string>;

const ACCOUNT_FIELDS = ['username', 'password', 'password_confirmation'] as const;

function fieldNames(kind: MemberKind): string[] {
  return [...ACCOUNT_FIELDS, ...REGISTRATION_FIELDS[kind].map((field) => field.name), 'captcha_answer'];
}

/** The rule one field breaks with these values, if any. */
function checkField(kind: MemberKind, name: string, values: Values): string | undefined {
  switch (name) {
    case 'username':
      return checkUsername(values.username);
    case 'password':
      return checkNewPassword(values.password, values.username);
    case 'password_confirmation':
      return checkPasswordConfirmation(values.password_confirmation, values.password);
    case 'captcha_answer':
      return checkCaptchaAnswer(values.captcha_answer);
  }
  const use = REGISTRATION_FIELDS[kind].find((field) => field.name === name);
  return use && PROFILE_FIELDS[use.name].check(values[name] ?? '', use.required);
}

function checkAll(kind: MemberKind, values: Values): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of fieldNames(kind)) {
    const message = checkField(kind, name, values);
    if (message !== undefined) {
      errors[name] = message;
    }
  }
  return errors;
}

function requestBody(kind: MemberKind, values: Values, captchaId: string): RegisterRequest {
  // Empty optional fields are left out rather than sent blank.
  const optional = (name: string) => values[name].trim() || undefined;
  const account = {
    username: values.username.trim(),
    // Sent as typed: spaces in a password are part of it.
    password: values.password,
    captcha_id: captchaId,
    captcha_answer: values.captcha_answer.trim(),
  };
  if (kind === 'personal') {
    return {
      kind,
      ...account,
      display_name: optional('display_name'),
      email: optional('email'),
      phone: optional('phone'),
      real_name: optional('real_name'),
      organisation: optional('organisation'),
      position: optional('position'),
    };
  }
  return {
    kind,
    ...account,
    company_name: values.company_name.trim(),
    credit_code: normaliseCreditCode(values.credit_code),
    contact_person: values.contact_person.trim(),
    contact_phone: values.contact_phone.trim(),
    email: values.email.trim(),
    display_name: optional('display_name'),
    phone: optional('phone'),
    address: optional('address'),
    website: optional('website'),
    industry: optional('industry'),
    introduction: optional('introduction'),
  };
}

type RegisterFormProps = {
  kind: MemberKind;
  onRegistered: (signedIn: SessionResponse) => void;
};

/**
 * The registration form of one kind. Checks every field before sending; shows the server's verdict
 * by field; and after a refusal shows a new captcha, since the server may have used up the old one.
 */
export function RegisterForm({ kind, onRegistered }: RegisterFormProps) {
  const [values, setValues] = useState<Values>(() => Object.fromEntries(fieldNames(kind).map((name) => [name, ''])));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const captcha = useCaptcha();
  const register = useRegisterMember({ onRegistered });
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();

  const change = (name: string) => (value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    // A field that was marked is checked again as it is corrected, so its message goes when it is right.
    if (errors[name] !== undefined) {
      setErrors({ ...errors, [name]: checkField(kind, name, next) });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) {
      return;
    }
    const found = checkAll(kind, values);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }
    if (captcha.data === undefined || captcha.isError || captcha.isFetching) {
      setGeneral(['验证码尚未加载，请稍候或点击“换一张”后再提交。']);
      return;
    }
    register.mutate(requestBody(kind, values, captcha.data.id), {
      onError: (error) => {
        const refused = formErrorsFrom(error, fieldNames(kind));
        setErrors(refused.fields);
        setGeneral(refused.general);
        setValues((current) => ({ ...current, captcha_answer: '' }));
        void captcha.refetch();
        focusFirstInvalid();
      },
    });
  };

  const field = (name: string) => ({
    name,
    value: values[name] ?? '',
    onChange: change(name),
    error: errors[name],
  });

  return (
    <form ref={formRef} className="member-form" noValidate onSubmit={submit} aria-label={`${KIND_LABELS[kind]}注册`}>
      {kind === 'enterprise' && (
        <p className="member-form__intro">企业会员注册后，资料须经网站管理员审核；审核通过前，部分会员功能暂不可用。</p>
      )}
      <p className="member-form__legend-note">
        带 <span className="required-mark">*</span> 的为必填项。
      </p>
      <FormAlert messages={general} />
      <fieldset className="member-form__group">
        <legend>账户信息</legend>
        <TextField
          {...field('username')}
          label="用户名"
          required
          autoComplete="username"
          hint="3–32 个字符，可用汉字、字母、数字、_ 和 -"
        />
        <TextField
          {...field('password')}
          label="密码"
          type="password"
          required
          autoComplete="new-password"
          hint="至少 8 个字符，不能与用户名相同，不要用常见密码"
        />
        <TextField {...field('password_confirmation')} label="确认密码" type="password" required autoComplete="new-password" />
      </fieldset>
      <fieldset className="member-form__group">
        <legend>{kind === 'enterprise' ? '企业资料' : '个人资料'}</legend>
        {REGISTRATION_FIELDS[kind].map(({ name, required }) => {
          const spec = PROFILE_FIELDS[name];
          return (
            <TextField
              key={name}
              {...field(name)}
              label={spec.label}
              required={required}
              type={spec.type}
              autoComplete={spec.autoComplete}
              multiline={spec.multiline}
              hint={name === 'display_name' ? `${spec.hint}；不填则用${kind === 'enterprise' ? '企业名称' : '用户名'}` : spec.hint}
            />
          );
        })}
      </fieldset>
      <div className="member-form__tail">
        <CaptchaField
          captcha={captcha}
          value={values.captcha_answer}
          onChange={change('captcha_answer')}
          error={errors.captcha_answer}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" aria-disabled={register.isPending || undefined}>
            {register.isPending ? '正在提交…' : '提交注册'}
          </button>
        </div>
      </div>
    </form>
  );
}
