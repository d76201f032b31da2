declare module 'hyphen/*';
