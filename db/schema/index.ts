export * from './employers';
export * from './participants';
export * from './employments';
export * from './hi-cards';
export * from './ebooks';
export * from './onboarding';
export * from './system';
export * from './contributions';
