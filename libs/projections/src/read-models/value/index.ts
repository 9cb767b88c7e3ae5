/** The pure value rules: quintiles, money, RFM, loyalty and 四度, tiers, deciles. */
export * from './exact';
export * from './money';
export * from './quintiles';
export * from './rfm';
export * from './loyalty';
export * from './degrees';
export * from './tiers';
export * from './deciles';
