/**
 * The server runs React (and anything else that reads NODE_ENV) in production mode unless
 * NODE_ENV says otherwise. main.ts imports this first, so it is set before React loads;
 * tests build the app without main.ts and keep their own mode.
 */
process.env.NODE_ENV ??= 'production';
