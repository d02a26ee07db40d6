declare const resolvesTo: unique symbol;

/**
 * An injection token that carries the type it resolves to: `scope.resolve(TOKENS.Clock)` is a
 * Clock, and no caller picks (or mistypes) the type. At run time it is a plain symbol, as
 * tsyringe wants.
 */
export type Token<T> = symbol & { readonly [resolvesTo]: T };

/** The same name is the same token everywhere (`Symbol.for`), in core and in every module. */
export const token = <T>(name: string): Token<T> => Symbol.for(`ketenhuis.${name}`) as Token<T>;
