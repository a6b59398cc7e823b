export declare const SUPPORTED_NODE: { range: string; from: number; below: number };
export declare function nodeVersionProblem(entry: string, version?: string): string | null;
export declare function exitUnlessSupportedNode(entry: string): void;
