// The calls list lives with the rest of the candidature pages.
export { CallsListPage as CallsPage } from './candidatures/CallsListPage';
