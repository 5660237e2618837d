// VerifiMe's own words, as documented (reference/verifime-api.md §5, §6.3).
export const TRACKING_STATUSES = ['Inactive', 'Active', 'Completed'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const ASSESSMENT_STATUSES = ['PENDING', 'PRELIMINARY', 'ASSESSED'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'EXTREME', 'NO RISK DETECTED'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_ASSESSMENT_UPDATED = 'RISK_ASSESSMENT_UPDATED';
export const PROVIDER_ID = 'verifime';
