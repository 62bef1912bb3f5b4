import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'projetk:public';
/** Marks a route (or controller) reachable without signing in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
