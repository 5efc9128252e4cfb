export function patchRouter(source: string): string;
export function routerFile(root: string): string;
