/** The demo dataset and its loader, for the end-to-end test that loads part of it. */
export { demoDataset, type DemoCustomer, type DemoRequest } from './dataset';
export { loadDataset } from './loader';
