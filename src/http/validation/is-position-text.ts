import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parsePosition } from '../../event-store/position.js';

/** A store position as the API hands them out (32 hex digits). */
export function IsPositionText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPositionText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a position the API returned', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parsePosition(value) !== undefined,
      },
    });
}
