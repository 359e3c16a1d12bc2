import { applyDecorators } from './decorators';
import { IsEmail, Length, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

export const NAME_MAX = 200;
export const PASSWORD_MIN = 12;
/** Argon2 hashes any length; the cap keeps a request from making the server hash megabytes. */
export const PASSWORD_MAX = 1024;

/** 1 to 200 characters, and not only whitespace. */
export function IsName(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Length(1, NAME_MAX, { message: `$property must be 1 to ${NAME_MAX} characters`, ...options }),
    ValidateBy({
      name: 'notBlank',
      validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: () => '$property must not be blank' },
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
export const normalizeLanguage = (tag: string) => tag.trim();
