export declare const IN_CONTEXT_TEXT_KEY: string;
