/** The DfE CIN code lists now live on the lowest floor (src/common/cin-codes.ts). */
export * from 'src/common/cin-codes';
