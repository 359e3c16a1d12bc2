import { applyDecorators } from './decorators';
import { IsEmail, Length, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

export const NAME_MAX = 200;
export const PASSWORD_MIN = 12;
/** Argon2 hashes any length; the cap keeps a request from making the server hash megabytes. */
export const PASSWORD_MAX = 1024;

/** C0 and C1 control characters (CR, LF, TAB, ...) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** One line: names go into mail subjects and greetings (account-security.md), where a line break could forge content. */
export const isSingleLine = (v: unknown) => typeof v === 'string' && !CONTROL_CHARACTER.test(v);

/** 1 to 200 characters, not only whitespace, and one line without control characters. */
export function IsName(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Length(1, NAME_MAX, { message: `$property must be 1 to ${NAME_MAX} characters`, ...options }),
    ValidateBy({
      name: 'notBlank',
      validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: () => '$property must not be blank' },
    }),
    ValidateBy({
      name: 'singleLine',
      validator: { validate: isSingleLine, defaultMessage: () => '$property must be one line without tabs or other control characters' },
    }),
  );
}

export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    IsEmail({}, { message: '$property must be an email address' }),
    MaxLength(254, { message: '$property must be at most 254 characters' }),
  );
}

/** A BCP 47 language tag such as `en`, `de-AT` or `sk`. */
export function IsLanguage(): PropertyDecorator {
  return applyDecorators(
    MaxLength(35, { message: '$property must be at most 35 characters' }),
    Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a language code such as en, de or sk' }),
  );
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const cleanName = (name: string) => name.trim();
/** A name stored before names had to be one line: its control characters as spaces. */
export const singleLineName = (name: string) => name.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), ' ').replace(/ {2,}/g, ' ').trim();
export const normalizeLanguage = (tag: string) => tag.trim();
