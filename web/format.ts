export { age } from '../model/age.js';

/** The page's address of an expectation, an instance, the list and the submit form. */
export const routes = {
  list: '#/',
  expectation: (id: string) => `#/expectations/${encodeURIComponent(id)}`,
  instance: (id: string) => `#/instances/${encodeURIComponent(id)}`,
  submit: '#/submit',
};
