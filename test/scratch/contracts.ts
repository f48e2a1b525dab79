import type { Check, LoginFlow } from '../../src/roadmap/checks.js';
const step = (c: Partial<Check> & Pick<Check, 'name' | 'expect'>): Check => ({ request: null, session: null, as: null, attempts: 1, capture: [], hint: null, ...c });
const req = (method: any, path: string, json?: unknown) => ({ method, path, headers: [] as [string, string][], ...(json === undefined ? {} : { json }) });
export const flow: LoginFlow = { after: 'auth', register: '/auth/register', login: ['/auth/login', '/token'], refresh: ['/auth/refresh', '/token/refresh'] };
export const todo: Check[] = [
  step({ name: 'POST /todos creates a todo', request: req('POST', '/todos', { title: 'Learn SQL ${random}' }), expect: { status: [201], json: [['$.id', { exists: true }], ['$.title', { equals: 'Learn SQL ${random}' }]] }, capture: [['id', '$.id']] }),
  step({ name: 'GET /todos lists it', request: req('GET', '/todos'), expect: { status: [200], json: [['$', { has: { id: '${id}' } }]] } }),
  step({ name: 'GET /todos/{id} returns it', request: req('GET', '/todos/${id}'), expect: { status: [200], json: [['$.id', { equals: '${id}' }], ['$.title', { equals: 'Learn SQL ${random}' }]] } }),
  step({ name: 'PATCH /todos/{id} marks it done', request: req('PATCH', '/todos/${id}', { done: true }), expect: { status: [200], json: [['$.done', { equals: true }]] } }),
  step({ name: 'POST /todos without a title is refused', request: req('POST', '/todos', {}), expect: { status: [400, 422], json: [['$', { exists: true }]] } }),
  step({ name: 'DELETE /todos/{id} deletes it', request: req('DELETE', '/todos/${id}'), expect: { status: [204], json: [] } }),
  step({ name: 'GET /todos/{id} after the delete is 404', request: req('GET', '/todos/${id}'), expect: { status: [404], json: [] } }),
];
export const auth: Check[] = [
  step({ name: 'registers', session: { action: 'register', user: 'learner', password: null }, expect: { status: [200, 201], json: [] } }),
  step({ name: 'dup refused', session: { action: 'register', user: 'learner', password: null }, expect: { status: [400, 409, 422], json: [] } }),
  step({ name: 'wrong password 401', session: { action: 'login', user: 'learner', password: 'wrong-${random}' }, expect: { status: [401], json: [] } }),
  step({ name: 'login tokens', session: { action: 'login', user: 'learner', password: null }, expect: { status: [200], json: [] } }),
  step({ name: 'GET /todos no token 401', request: req('GET', '/todos'), as: 'nobody', expect: { status: [401], json: [] } }),
  step({ name: 'GET /todos token 200', request: req('GET', '/todos'), as: 'learner', expect: { status: [200], json: [] } }),
  step({ name: 'refresh', session: { action: 'refresh', user: 'learner', password: null }, expect: { status: [200], json: [] } }),
  step({ name: 'A creates', request: req('POST', '/todos', { title: 'Private ${random}' }), as: 'learner', expect: { status: [201], json: [['$.id', { exists: true }]] }, capture: [['private_id', '$.id']] }),
  step({ name: 'B cannot read', request: req('GET', '/todos/${private_id}'), as: 'other', expect: { status: [403, 404], json: [] }, hint: 'BOLA!' }),
  step({ name: 'B cannot change', request: req('PATCH', '/todos/${private_id}', { done: true }), as: 'other', expect: { status: [403, 404], json: [] }, hint: 'BOLA!' }),
  step({ name: 'B cannot delete', request: req('DELETE', '/todos/${private_id}'), as: 'other', expect: { status: [403, 404], json: [] }, hint: 'BOLA!' }),
  step({ name: 'A still has it', request: req('GET', '/todos/${private_id}'), as: 'learner', expect: { status: [200], json: [] } }),
  step({ name: 'throttle', session: { action: 'login', user: 'learner', password: 'wrong-${random}' }, attempts: 12, expect: { status: [429], json: [] }, hint: 'no throttle' }),
];
