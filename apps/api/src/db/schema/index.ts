export * from './deal-attachments';
export * from './deals';
export * from './identity';
export * from './leads';
export * from './partners';
export * from './pipeline';
export * from './platform';
export * from './tenancy';
