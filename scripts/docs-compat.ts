// npm run docs:compat — writes docs/COMPATIBILITY.md from the Wallet API's operation declarations.
import { writeFileSync } from 'node:fs';
import { compatibilityMarkdown } from '@/lib/api/compatibility';

writeFileSync('docs/COMPATIBILITY.md', compatibilityMarkdown());
console.log('docs/COMPATIBILITY.md written.');
