export interface FixedHeader {
  key: string;
  value: string;
}
export declare const FIXED_HEADERS: readonly FixedHeader[];
export declare const HSTS: FixedHeader;
export declare const FORWARDED_HTTPS_PATTERN: string;
export declare const API_CONTENT_SECURITY_POLICY: FixedHeader;
